export * from './access/case-access';
export * from './case-streams';
export * from './cases.module';
export * from './erasure/erase-cases';
export * from './erasure/closed-cases';
export { eraseHousehold, householdErasureStreamId } from './erasure/household-erasure';
