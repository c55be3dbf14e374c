import { LocalClusterBus } from './cluster-bus';

describe('the cluster bus of a single process', () => {
  it('delivers a message to every subscriber of its channel, after the sender has gone on, in the order sent', async () => {
    const bus = new LocalClusterBus();
    const heard: string[] = [];
    await bus.subscribe('events', (message) => heard.push(`first ${message}`));
    await bus.subscribe('events', (message) => heard.push(`second ${message}`));
    await bus.subscribe('other', (message) => heard.push(`other ${message}`));
    await bus.publish('events', 1);
    await bus.publish('events', 2);
    expect(heard).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['first 1', 'second 1', 'first 2', 'second 2']);
    await bus.close();
  });
});
