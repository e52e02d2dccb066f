/**
 * A scripted transport for the Comtrade client's tests (tests/unit/io/comtrade/): it plays given replies or throws
 * given errors in turn, never touching the network, and records the calls.
 */
import type { HttpReply, Transport } from '../../lib/io/comtrade/request.js';

/** A one-record answer of the API. */
export const OK = '{"count":1,"data":[{"cmdCode":"TOTAL","period":"2024","flowCode":"M","primaryValue":5}],"error":""}';

/** A transport that plays the given replies (or throws the given errors) in turn, recording the calls. */
export function scripted(
  replies: (HttpReply | Error)[],
): Transport & { calls: { url: string; headers: Record<string, string> }[] } {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const t: Transport = async (url, headers) => {
    calls.push({ url, headers });
    const r = replies.shift();
    if (!r) throw new Error('no more replies scripted');
    if (r instanceof Error) throw r;
    return r;
  };
  return Object.assign(t, { calls });
}

/** An HTTP reply (default: 200-style body {@link OK}). */
export const reply = (status: number, body = OK, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers,
  body,
});
