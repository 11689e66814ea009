export * from './importer';
export * from './attendance/attendance-importer';
