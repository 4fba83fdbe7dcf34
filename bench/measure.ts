import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

// In-page measurement helpers. Figures come from the page's own clock (performance.now()).

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? 0),
  };
}

/**
 * Starts recording long tasks (main-thread blocks over 50 ms) and frame intervals; returns a
 * function that stops and reports them. Frame intervals are the gaps between animation frames:
 * 16.7 ms is smooth at 60 Hz.
 */
export async function watchMainThread(
  page: Page,
): Promise<() => Promise<{ longestTaskMs: number; frames: Distribution }>> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __bench: { longest: number; frames: number[]; stop: boolean };
    };
    w.__bench = { longest: 0, frames: [], stop: false };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__bench.longest = Math.max(w.__bench.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    const tick = (now: number) => {
      w.__bench.frames.push(now - last);
      last = now;
      if (!w.__bench.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return async () => {
    const { longest, frames } = await page.evaluate(() => {
      const w = window as unknown as {
        __bench: { longest: number; frames: number[]; stop: boolean };
      };
      w.__bench.stop = true;
      return w.__bench;
    });
    return { longestTaskMs: Math.round(longest), frames: distribution(frames.slice(1)) };
  };
}

/** Peak JS heap seen by Chromium's performance.memory, in MB (Chromium only). */
export function jsHeapMb(page: Page): Promise<number> {
  return page.evaluate(() => {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return Math.round((memory?.usedJSHeapSize ?? 0) / 1e5) / 10;
  });
}

/**
 * Samples, until stopped, the page's JS heap and the resident memory (RSS, from /proc) of
 * Chromium's renderer processes, which hold the page and its workers. An export runs in a
 * worker, so the renderer's RSS is what shows whether an archive is held in memory.
 */
export async function sampleMemory(
  page: Page,
  everyMs = 250,
): Promise<() => { pageHeapMb: number; rendererRssMb: number }> {
  const browser = page.context().browser();
  if (!browser) throw new Error('sampleMemory: this context has no Chromium browser behind it');
  const cdp = await browser.newBrowserCDPSession();
  let heapPeak = 0;
  let rssPeak = 0;
  let stopped = false;
  const used = () =>
    (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
  const rssOf = (pid: number) => {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb ?? 0) * 1024;
    } catch {
      return 0;
    }
  };
  const loop = async () => {
    while (!stopped) {
      heapPeak = Math.max(heapPeak, await page.evaluate(used).catch(() => 0));
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      const rss = processInfo
        .filter((p) => p.type === 'renderer')
        .reduce((sum, p) => sum + rssOf(p.id), 0);
      rssPeak = Math.max(rssPeak, rss);
      await new Promise((done) => setTimeout(done, everyMs));
    }
  };
  const running = loop();
  return () => {
    stopped = true;
    void running.finally(() => cdp.detach().catch(() => undefined));
    return {
      pageHeapMb: Math.round(heapPeak / 1e5) / 10,
      rendererRssMb: Math.round(rssPeak / 1e6),
    };
  };
}
