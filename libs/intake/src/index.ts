export * from './importer';
export * from './reader/run-import';
export * from './reader/import-stopped';
export { CSV_PARSE_OPTIONS, MAX_RECORD_BYTES } from './reader/csv-rows';
export { matchHeader } from './reader/header-match';
export * from './attendance/attendance-importer';
