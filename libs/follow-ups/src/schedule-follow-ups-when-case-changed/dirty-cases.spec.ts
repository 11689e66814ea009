import { DirtyCases } from './dirty-cases';

const settle = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

describe('when cases are marked for planning', () => {
  let dirty: DirtyCases;
  let planned: string[][];
  let failNext = 0;

  beforeEach(() => {
    dirty = new DirtyCases();
    planned = [];
    failNext = 0;
    dirty.start(async (caseIds) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('Redis is down');
      }
      planned.push(caseIds);
    });
  });
  afterEach(() => dirty.stop());

  it('plans nothing until live, then each marked case once per batch', async () => {
    dirty.mark(['a', 'b']);
    dirty.mark(['a']);
    await settle();
    expect(planned).toEqual([]);
    dirty.goLive();
    await settle();
    expect(planned).toEqual([['a', 'b']]);
  });

  it('plans a burst of marks on one case once', async () => {
    dirty.goLive();
    for (let i = 0; i < 10; i++) dirty.mark(['a']);
    await settle();
    expect(planned).toEqual([['a']]);
  });

  it('keeps a batch whose planning failed and retries it', async () => {
    dirty.goLive();
    failNext = 1;
    dirty.mark(['a']);
    await settle(1_300);
    expect(planned).toEqual([['a']]);
  });

  it('forgets marks a full reconciliation covers', async () => {
    dirty.mark(['a']);
    dirty.clear();
    dirty.goLive();
    await settle();
    expect(planned).toEqual([]);
  });
});
