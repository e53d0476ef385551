// Hostile (or careless) handlers against the promise that one case's leftovers never reach the next: timers,
// intervals and answers still pending when an invocation ends are cancelled; timers started while the code
// loads live as long as the instance, as on Segment's warm instances.
import { describe, expect, it } from 'vitest';
import { hostileProject, testProject } from './harness.js';

const code = `
let fromLoad = 'pending';
setTimeout(() => { fromLoad = 'fired'; }, 5);
let ticks = 0;
async function onTrack(event) {
  if (event.event === 'leave') {
    setTimeout(() => console.log('late log from the first case'), 20);
    setInterval(() => { ticks++; console.log('tick'); }, 5);
    fetch('https://slow.example/').then(() => console.log('late answer'), () => console.log('late failure'));
    return 'left';
  }
  await new Promise((resolve) => setTimeout(resolve, 120));
  return { fromLoad, ticks };
}
`;

const fixture = `cases:
  - name: leaves a timer, an interval and a slow request behind
    event: { type: track, event: leave, userId: u }
    http:
      - { url: "https://slow.example/", status: 200, delayMs: 60 }
    expect:
      returned: left
      logs: []
      requests: [{ method: GET, url: "https://slow.example/" }]
  - name: sees none of them, and the load-time timer has fired
    event: { type: track, event: wait, userId: u }
    expect:
      returned: { fromLoad: fired, ticks: 0 }
      logs: []
`;

describe('timers and callbacks', () => {
  it('what a case leaves pending is cancelled when it ends; a timer from the load lives with the instance', async () => {
    const dir = hostileProject({ timers: { type: 'destination', code, fixtures: { 't.yaml': fixture } } });
    const { cli, report } = await testProject(dir);
    expect(report.functions[0]!.cases.map((c) => [c.name, c.status, c.failures])).toEqual([
      ['leaves a timer, an interval and a slow request behind', 'passed', []],
      ['sees none of them, and the load-time timer has fired', 'passed', []],
    ]);
    expect(cli.code).toBe(0);
  });
});
