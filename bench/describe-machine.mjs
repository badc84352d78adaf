import { cpus, release, totalmem, type } from 'node:os';

/** What a result was measured on, for its report. */
export function describeMachine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
  };
}

export function renderMachine(machine) {
  return (
    `${machine.cpu} (${machine.cpus} CPUs), ${(machine.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `${machine.os}, Node ${machine.node}`
  );
}
