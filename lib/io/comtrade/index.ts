/**
 * The UN Comtrade data API client, as this project uses it: China's (reporter 156) imports
 * (flow M) from the World (partner 0), monthly or annual, by HS code. One import for its four
 * parts (and the availability call, io/comtrade/availability): planning the calls (io/comtrade/plan), checking the answers (io/comtrade/response),
 * HTTP with throttling and retries (io/comtrade/fetch) and the resumable disk cache
 * (io/comtrade/cache). The subscription key travels only in a request header and is never
 * written to a file, a log or a message.
 *
 * @module io/comtrade
 */
export * from './plan.js';
export * from './response.js';
export * from './fetch.js';
export * from './cache.js';
export * from './availability.js';
