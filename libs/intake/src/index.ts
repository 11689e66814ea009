export * from './importer';
