export * from './access-event';
export * from './accessed-route';
export * from './access-recorder.service';
export * from './access-log.projection';
export * from './access-log.service';
export * from './access-log.module';
