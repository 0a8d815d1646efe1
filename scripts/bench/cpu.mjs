/**
 * CPU accounting (Linux /proc) to make noise visible: how much CPU this bench's processes
 * (node + its workerd children) used during a run, and how much everything else on the machine
 * used. Other engineers' builds and tests share the same 2 cores; a busy neighbour skews a run.
 * Returns null where /proc is unavailable.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** @param {number} pid @returns {number[]} */
function children(pid) {
  try {
    const tasks = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8");
    return tasks.split(" ").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** utime + stime of a process, in ticks. @param {number} pid */
function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/** Busy ticks of the whole machine (all CPUs). */
function machineTicks() {
  const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = f.map(Number);
  return n.reduce((a, b) => a + b, 0) - (n[3] ?? 0) - (n[4] ?? 0); // minus idle and iowait
}

/**
 * @typedef {{ at: number, own: number, all: number }} CpuSnapshot
 * @returns {CpuSnapshot | null}
 */
export function cpuSnapshot() {
  try {
    let own = 0;
    const todo = [process.pid];
    while (todo.length) {
      const pid = /** @type {number} */ (todo.pop());
      own += ticksOf(pid);
      todo.push(...children(pid));
    }
    return { at: performance.now(), own, all: machineTicks() };
  } catch {
    return null;
  }
}

/**
 * CPU use between two snapshots, in percent of ONE core (200 % = both cores of this machine).
 * @param {CpuSnapshot | null} a
 * @param {CpuSnapshot | null} b
 * @returns {{ own: number, other: number, cores: number } | null}
 */
export function cpuBetween(a, b) {
  if (!a || !b) return null;
  const ms = b.at - a.at;
  const own = ((b.own - a.own) * TICK_MS * 100) / ms;
  const all = ((b.all - a.all) * TICK_MS * 100) / ms;
  return { own, other: Math.max(0, all - own), cores: cpus().length };
}
