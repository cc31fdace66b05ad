/**
 * Runs one whole process and measures it the way a user experiences it:
 *
 * - wall time: from spawn to exit, measured here with `performance.now()`;
 * - peak memory: GNU time's "Maximum resident set size" (`/usr/bin/time -v`): the largest RSS of the
 *   process or of any descendant it waited for (the largest single process, not a sum);
 * - and, because Chromium is many processes, the process tree's summed PSS (proportional set size:
 *   shared pages divided among the processes sharing them, so nothing is counted twice) sampled every
 *   100 ms from /proc/<pid>/smaps_rollup (RSS from /proc/<pid>/statm where that is unreadable);
 * - CPU time: user + system from GNU time (the process and the children it waited for), or, when
 *   larger, the sum over the sampled process tree (Chromium's renderers are not waited for by the
 *   process GNU time watches). Other load on the machine disturbs CPU time much less than wall time.
 *
 * The reported peak is the larger of the two. Without /usr/bin/time only the sampled tree is
 * available (a short peak between two samples can be missed); `hasGnuTime` says which was used.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);
const PAGE_KB = 4; // getconf PAGESIZE = 4096 on Linux x86-64 and arm64 (4 KiB kernels)

function memoryKB(pid) {
  try {
    const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (pss) return Number(pss[1]);
  } catch {
    // no smaps_rollup (old kernel) or the process is gone
  }
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
  } catch {
    return 0;
  }
}

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/**
 * One look at the process tree under `rootPid`: its summed PSS in KB. When `cpuByPid` is given, each
 * process's CPU time so far (utime + stime, ms) is recorded in it, so the caller can add up the CPU
 * time of processes that GNU time does not see (Chromium's renderers, reaped by the browser, which
 * playwright kills).
 */
export function treeRssKB(rootPid, cpuByPid) {
  const children = new Map();
  const cpu = new Map();
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      let list = children.get(ppid);
      if (!list) children.set(ppid, (list = []));
      list.push(Number(name));
      // fields[0] is field 3 of stat (state); utime and stime are fields 14 and 15.
      cpu.set(Number(name), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop();
    total += memoryKB(pid);
    if (cpuByPid && cpu.has(pid)) cpuByPid.set(pid, Math.max(cpuByPid.get(pid) ?? 0, cpu.get(pid)));
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string,string>, sampleMs?: number }} [options]
 * @returns {Promise<{ ms: number, cpuMs: number | null, load1: number, code: number | null, signal: string | null, gnuMaxRssKB: number | null, treePeakKB: number, peakKB: number, stdout: string, stderr: string }>}
 */
export function measure(command, args, options = {}) {
  const timeFile = path.join(os.tmpdir(), `handout-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const argv = hasGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv[1], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout = (stdout + chunk).slice(-20000);
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-20000);
    });
    let treePeakKB = 0;
    const cpuByPid = new Map();
    const sample = () => {
      if (child.pid) treePeakKB = Math.max(treePeakKB, treeRssKB(child.pid, cpuByPid));
    };
    const timer = setInterval(sample, options.sampleMs ?? 100);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearInterval(timer);
      let gnuMaxRssKB = null;
      let cpuMs = null;
      let exitCode = code;
      if (hasGnuTime) {
        try {
          const report = readFileSync(timeFile, 'utf8');
          const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
          if (rss) gnuMaxRssKB = Number(rss[1]);
          const status = /Exit status: (\d+)/.exec(report);
          if (status) exitCode = Number(status[1]);
          const user = /User time \(seconds\): ([\d.]+)/.exec(report);
          const system = /System time \(seconds\): ([\d.]+)/.exec(report);
          if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
          if (/Command terminated by signal/.test(report)) exitCode = exitCode || 128;
        } catch {
          // time could not write its report (the command was not found); keep the exit code
        }
        rmSync(timeFile, { force: true });
      }
      const treeCpuMs = [...cpuByPid.values()].reduce((sum, value) => sum + value, 0);
      if (cpuMs == null || treeCpuMs > cpuMs) cpuMs = treeCpuMs;
      resolve({ ms, cpuMs, treeCpuMs, load1: os.loadavg()[0], code: exitCode, signal, gnuMaxRssKB, treePeakKB, peakKB: Math.max(gnuMaxRssKB ?? 0, treePeakKB), stdout, stderr });
    });
  });
}
