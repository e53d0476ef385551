// The example function `fnsync init` writes, one per Segment function type: a config entry, a handler
// and a fixture file that passes, each connected to what the embedded local workspace already holds
// (source web-prod, destination amplitude-prod) so the first plan and apply work with no account.
import type { FunctionType } from '../vocabulary.js';

/** One example: its local name and the three texts. */
export interface ExampleFunction {
  name: string;
  /** The entry under `functions:`, indented by two spaces. */
  configEntry: string;
  handler: string;
  /** Fixture text after the `$schema` line. */
  fixture: string;
  /** Environment variables the entry references (secrets the workflow must pass). */
  env: string[];
}

const DESTINATION: ExampleFunction = {
  name: 'example-destination',
  env: ['EXAMPLE_WEBHOOK_URL'],
  configEntry: `  example-destination:
    type: destination
    displayName: Example Destination
    description: Forwards track events to a webhook (written by fnsync init; make it yours)
    code: functions/example-destination/handler.js
    settings:
      - { name: webhookUrl, label: Webhook URL, type: string, required: true, sensitive: true }
    instances:
      - name: example-destination-web
        source: web-prod # the slug of one of your workspace's sources
        settings:
          webhookUrl: \${env:EXAMPLE_WEBHOOK_URL}
`,
  handler: `// A destination function: receives each event of the source it is connected to.
// Written by fnsync init as a starting point. Globals and limits: docs/runtime.md in the fnsync package.
async function onTrack(event, settings) {
  const res = await fetch(settings.webhookUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ event: event.event, userId: event.userId }),
  });
  // 5xx and 429 ask Segment to retry; any other failure drops the event with a reason.
  if (res.status >= 500 || res.status === 429) throw new RetryError(\`webhook answered \${res.status}\`);
  if (!res.ok) throw new ValidationError(\`webhook answered \${res.status}\`);
}
`,
  fixture: `settings: { webhookUrl: "https://hooks.example.com/fnsync-test" }
cases:
  - name: a track event is posted to the webhook
    event: { type: track, event: Order Completed, userId: user-1 }
    http: [{ urlPattern: "hooks\\\\.example\\\\.com", status: 200 }]
    expect:
      outcome: Success
      requests: [{ method: POST, url: "https://hooks.example.com/fnsync-test", body: { event: Order Completed, userId: user-1 } }]
  - name: a 503 from the webhook asks Segment to retry
    event: { type: track, event: Order Completed, userId: user-1 }
    http: [{ urlPattern: "hooks\\\\.example\\\\.com", status: 503 }]
    expect: { outcome: Retry, error: { type: RetryError, message: webhook answered 503 } }
`,
};

const SOURCE: ExampleFunction = {
  name: 'example-source',
  env: ['EXAMPLE_SOURCE_TOKEN'],
  configEntry: `  example-source:
    type: source
    displayName: Example Source
    description: Turns webhooks into track events (written by fnsync init; make it yours)
    code: functions/example-source/handler.js
    settings:
      - { name: token, label: Shared token, type: string, required: true, sensitive: true }
    instances:
      - name: example-source # the slug of the source this function creates
        settings:
          token: \${env:EXAMPLE_SOURCE_TOKEN}
`,
  handler: `// A source function: receives webhooks and turns them into Segment events.
// Written by fnsync init as a starting point. Globals and limits: docs/runtime.md in the fnsync package.
async function onRequest(request, settings) {
  if (request.headers.get('x-token') !== settings.token) throw new ValidationError('wrong or missing x-token header');
  const body = request.json();
  Segment.track({ event: body.event || 'Webhook Received', userId: body.userId || 'anonymous', properties: body.properties || {} });
}
`,
  fixture: `settings: { token: test-token }
cases:
  - name: a webhook becomes a track event
    request: { headers: { x-token: test-token }, body: { event: Signed Up, userId: user-1, properties: { plan: pro } } }
    expect:
      outcome: Success
      messages: [{ type: track, event: Signed Up, userId: user-1, properties: { plan: pro } }]
  - name: a webhook without the token is refused
    request: { body: { event: Signed Up } }
    expect: { error: { type: ValidationError, message: wrong or missing x-token header }, messages: [] }
`,
};

const insert = (type: 'insert-destination' | 'insert-source'): ExampleFunction => {
  const name = `example-${type}`;
  const where = type === 'insert-destination' ? 'destination: amplitude-prod # the name of one of your destinations' : 'source: web-prod # the slug of one of your sources';
  return {
    name,
    env: [],
    configEntry: `  ${name}:
    type: ${type}
    displayName: Example ${type === 'insert-destination' ? 'Destination' : 'Source'} Insert
    description: Tags events and drops internal test traffic (written by fnsync init; make it yours)
    code: functions/${name}/handler.js
    settings:
      - { name: tag, type: string, description: Added to every event as properties.tag }
    instances:
      - name: ${name}-1
        ${where}
        settings:
          tag: fnsync
`,
    handler: `// An insert function: transforms each event ${type === 'insert-destination' ? 'before it reaches a destination' : 'as it arrives at a source'}.
// Written by fnsync init as a starting point. Globals and limits: docs/runtime.md in the fnsync package.
async function onTrack(event, settings) {
  if (event.properties && event.properties.internalTest) throw new DropEvent('internal test traffic');
  return { ...event, properties: { ...event.properties, tag: settings.tag } };
}
`,
    fixture: `settings: { tag: test-tag }
cases:
  - name: an event is tagged
    event: { type: track, event: Order Completed, properties: { revenue: 10 } }
    expect: { returned: { event: Order Completed, properties: { revenue: 10, tag: test-tag } } }
  - name: internal test traffic is dropped
    event: { type: track, event: Order Completed, properties: { internalTest: true } }
    expect: { dropped: true, error: { message: internal test traffic } }
`,
  };
};

/** The example for a function type. */
export function exampleFunction(type: FunctionType): ExampleFunction {
  switch (type) {
    case 'source':
      return SOURCE;
    case 'destination':
      return DESTINATION;
    case 'insert-destination':
    case 'insert-source':
      return insert(type);
  }
}
