// Record unique ids in Kamailio's sruid shape (`uloc-<time hex>-<pid>-<counter>`): unique across
// the processes that share one location table because the pid is part of it.
let counter = 0;
const started = Math.floor(Date.now() / 1000).toString(16);

export function nextRuid(): string {
  counter += 1;
  return `uloc-${started}-${process.pid.toString(16)}-${counter}`;
}
