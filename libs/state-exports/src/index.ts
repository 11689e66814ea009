export * from './domain/state-export';
export * from './suppression/suppression-rule';
export * from './csv/safe-csv';
export * from './state-exports.module';
