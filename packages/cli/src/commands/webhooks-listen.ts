import { CONNECTION_FLAGS, CONNECTION_HELP, connect } from '../connection.js';
import { ExitCode } from '../exit-codes.js';
import { describeFailure } from '../failure.js';
import { onInterrupt } from '../interrupt.js';
import { EVENT_TYPES, parseEvents } from '../listen/event-types.js';
import { type Delivery, startListener } from '../listen/listener.js';
import { UsageError, integerFlag } from '../usage-error.js';
import { type Io, defineCommand } from './command.js';

const FLAGS = {
  ...CONNECTION_FLAGS,
  'forward-to': { type: 'string' },
  events: { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const HELP = `Usage: nexus webhooks listen --forward-to <url> [options]

Registers a temporary webhook endpoint on the API (your local reference server or mock) that
points at a listener on this machine, checks the signature of every delivery, prints it, and
forwards it with its headers to your handler at <url>. Your handler's answer goes back to the API,
so retries happen as they would in production. Prints the endpoint's signing secret for your
handler to verify with. Ctrl-C (or SIGTERM) removes the endpoint.

Options:
  --forward-to <url>   your handler, e.g. http://localhost:3000/webhooks/nexus (required)
  --events <a,b>       event types to subscribe to (default: all of them)
  --port <n>           the listener's port on 127.0.0.1 (default: any free port)
  --json               print each delivery as a JSON line (the whole event included)
  -h, --help

The API delivers over plain http only to loopback addresses and only for test keys (nxc_test_…).
Event types: ${EVENT_TYPES.join(', ')}

${CONNECTION_HELP}`;

/** `nexus webhooks listen`: real deliveries to a handler on this machine. */
export const webhooksListenCommand = defineCommand('webhooks listen', 'forward the API\'s webhook deliveries to a handler on this machine', {
  help: HELP,
  flags: FLAGS,
  async run({ values }, io) {
    const forwardTo = values['forward-to'];
    if (!forwardTo) throw new UsageError('--forward-to <url> is required: the handler to pass deliveries to');
    if (!URL.canParse(forwardTo) || !/^https?:$/.test(new URL(forwardTo).protocol)) {
      throw new UsageError(`--forward-to must be an http(s) URL, not "${forwardTo}"`);
    }
    const chosen = parseEvents(values.events);
    if ('unknown' in chosen) throw new UsageError(`unknown event type ${chosen.unknown.join(', ') || '(none given)'}; they are ${EVENT_TYPES.join(', ')}`);
    const port = integerFlag(values.port, '--port', { min: 0, max: 65_535 }) ?? 0;
    const { client, origin } = connect(values, io.env);

    const listener = await startListener({
      port,
      forwardTo,
      onDelivery: (delivery) => printDelivery(io, delivery, values.json ?? false),
      onRejected: (reason) => io.stderr.write(`nexus: refused a delivery that failed verification (${reason}); it was not forwarded\n`),
    }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}`);
    });
    const interrupt = onInterrupt();
    try {
      let endpoint: { id: string; secret: string };
      try {
        endpoint = await client.webhooks.create({
          url: listener.url,
          events: chosen.events,
          description: `nexus webhooks listen → ${forwardTo} (temporary: removed when the command stops)`,
        });
      } catch (error) {
        io.stderr.write(`nexus: could not register a webhook endpoint on ${origin}: ${describeFailure(error, origin)}\n`);
        return ExitCode.Stopped;
      }
      listener.setSecret(endpoint.secret);
      io.stderr.write(`Ready. Endpoint ${endpoint.id} on ${origin} delivers ${chosen.events.length === EVENT_TYPES.length ? 'every event' : chosen.events.join(', ')} to ${listener.url}; forwarding to ${forwardTo}.\n`);
      io.stderr.write(`Webhook signing secret for your handler: ${endpoint.secret}\n`);
      io.stderr.write('Press Ctrl-C to stop and remove the endpoint.\n');
      await new Promise((resolve) => interrupt.signal.addEventListener('abort', resolve, { once: true }));
      return await remove(io, client, origin, endpoint.id);
    } finally {
      interrupt.dispose();
      await listener.close();
    }
  },
});

async function remove(io: Io, client: ReturnType<typeof connect>['client'], origin: string, id: string): Promise<number> {
  try {
    await client.webhooks.delete(id);
    io.stderr.write(`Removed endpoint ${id}.\n`);
    return ExitCode.Ok;
  } catch (error) {
    io.stderr.write(`nexus: could not remove endpoint ${id} (${describeFailure(error, origin)}); remove it with DELETE /v1/webhooks/${id}\n`);
    return ExitCode.Stopped;
  }
}

function printDelivery(io: Io, { event, webhookId, forwarded }: Delivery, json: boolean): void {
  if (json) {
    io.stdout.write(`${JSON.stringify({ webhook_id: webhookId, event, forwarded: { status: forwarded.status, ms: forwarded.ms, error: forwarded.error } })}\n`);
    return;
  }
  const outcome = forwarded.error ? `${forwarded.status} (${forwarded.error})` : String(forwarded.status);
  io.stdout.write(`${event.created_at}  ${event.type.padEnd(17)} ${event.id}  → ${outcome} in ${forwarded.ms} ms\n`);
}
