// Every signed request gets an answer within Slack's 3 s, whatever its shape. Bolt acknowledges only what one of
// its listeners handles: a body without an event, of an unknown type, an array, a click on a button no listener
// knows would be answered 404 after 3 s (and retried by Slack), and a JSON `null` body crashes its HTTP receiver
// before any answer. Two thin seams: one in front of Bolt's HTTP receiver for bodies that are not JSON objects,
// one around App.processEvent for objects no listener acknowledges.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { isValidSlackRequest, type App, type HTTPReceiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../shared/log.js';

/** Bolt's own limit on a request body (its `defaultBodyLimit`), bytes. */
const BODY_LIMIT = 4 * 1024 * 1024;
/** A request no listener has acknowledged by then is acknowledged here: Slack gives up (and retries) at 3 s. */
export const ACK_DEADLINE_MS = 2_500;

/** What a body is, for a log line: its type and first keys, never its values. */
function shapeOf(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  if (typeof body !== 'object') return `a ${typeof body}`;
  const record = body as Record<string, unknown>;
  const type = typeof record.type === 'string' ? ` of type ${JSON.stringify(String(record.type).slice(0, 40))}` : '';
  const keys = Object.keys(record)
    .slice(0, 8)
    .map((k) => k.slice(0, 30));
  return `an object${type} with keys [${keys.join(', ')}]`;
}

/** The body as Bolt would parse it (a form's `payload` field is JSON), or `undefined` when it is not parseable. */
function parseBody(raw: string, contentType: string | undefined): unknown {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const isJsonObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Puts a gate in front of Bolt's HTTP receiver on its events path: the body is read here (Bolt reuses a request's
 * `rawBody`), and a body that is not a JSON object is answered here, 200 when correctly signed and 401 otherwise,
 * instead of reaching Bolt, which cannot route it (and throws on `null`).
 */
export function guardRequestBodies(receiver: HTTPReceiver, options: { signingSecret: string; path: string; log: Logger }): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== options.path) return bolt(req, res);
    readBody(req).then(
      (raw) => {
        if (raw === null) {
          options.log.warn('refused a request body over the size limit', { bytes: BODY_LIMIT });
          res.writeHead(413).end();
          return;
        }
        const text = raw.toString('utf8');
        const contentType = req.headers['content-type'];
        const body = parseBody(text, typeof contentType === 'string' ? contentType : undefined);
        if (isJsonObject(body)) {
          // Bolt takes an already read body from here instead of reading the stream again.
          Object.assign(req, { rawBody: raw });
          bolt(req, res);
          return;
        }
        const signature = req.headers['x-slack-signature'];
        const timestamp = Number(req.headers['x-slack-request-timestamp']);
        const signed =
          typeof signature === 'string' &&
          Number.isFinite(timestamp) &&
          isValidSlackRequest({
            signingSecret: options.signingSecret,
            body: text,
            headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
          });
        if (!signed) {
          res.writeHead(401).end();
          return;
        }
        options.log.info(`acknowledged a signed request that no listener can handle (${body === undefined ? 'not JSON' : shapeOf(body)})`);
        res.writeHead(200).end();
      },
      (error: unknown) => {
        options.log.warn('could not read a request body', { error });
        if (!res.headersSent) res.writeHead(400).end();
      },
    );
  };
}

/**
 * Makes `app` acknowledge every request it is given: one no listener acknowledged is acknowledged when its
 * processing ends, or at ACK_DEADLINE_MS if that comes first. A listener that acknowledges later than that finds
 * it done, and its late ack is dropped with a warning instead of throwing.
 */
export function acknowledgeEveryRequest(app: App, log: Logger): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent): Promise<void> => {
    let acked = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      if (acked) {
        log.warn('a listener acknowledged a request after it had been acknowledged for it');
        return;
      }
      acked = true;
      await event.ack(response);
    };
    const unacknowledged = (why: string) => {
      if (acked) return;
      log.info(`acknowledged a request ${why} (${shapeOf(event.body)})`);
      ack().catch((error: unknown) => log.warn('could not acknowledge a request', { error }));
    };
    const deadline = setTimeout(() => unacknowledged(`no listener acknowledged within ${ACK_DEADLINE_MS} ms`), ACK_DEADLINE_MS);
    try {
      await processEvent({ ...event, ack });
      unacknowledged('no listener handles');
    } finally {
      clearTimeout(deadline);
    }
  };
}
