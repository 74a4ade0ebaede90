// Types for the deep import used by memory.ts; the package only types its index.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import type { RateLimiterMemory } from 'rate-limiter-flexible';
  const Limiter: typeof RateLimiterMemory;
  export default Limiter;
}
