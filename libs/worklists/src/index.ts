export * from './worklist-doc';
export * from './worklist-config';
export * from './worklist-segments';
export * from './worklists.projection';
export * from './worklists.store';
export * from './worklist-item-view';
export * from './worklists.module';
