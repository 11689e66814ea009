import { setTimeout as sleep } from 'node:timers/promises';
import { BoundedTasks } from './bounded-tasks';

describe('BoundedTasks', () => {
  it('runs at most `limit` tasks at once and waits for all on drain', async () => {
    const tasks = new BoundedTasks(3);
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 10; i++) {
      await tasks.add(async () => {
        most = Math.max(most, ++running);
        await sleep(5);
        running--;
        done++;
      });
    }
    await tasks.drain();
    expect([most, done]).toEqual([3, 10]);
  });

  it('throws the first failure and starts nothing after it', async () => {
    const tasks = new BoundedTasks(1);
    await tasks.add(() => Promise.reject(new Error('store down')));
    let started = false;
    await expect(
      tasks.add(async () => {
        started = true;
      }),
    ).rejects.toThrow('store down');
    await expect(tasks.drain()).rejects.toThrow('store down');
    expect(started).toBe(false);
  });
});
