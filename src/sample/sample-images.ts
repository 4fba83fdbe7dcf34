// Sample images drawn by the app itself, so the sample project ships no third-party media.

interface Scene {
  name: string;
  width: number;
  height: number;
  night: boolean;
  houses: number;
  trees: number;
}

const SCENES: Scene[] = [
  { name: 'village-day.png', width: 960, height: 640, night: false, houses: 3, trees: 4 },
  { name: 'farm-night.png', width: 800, height: 800, night: true, houses: 1, trees: 6 },
  { name: 'hillside-wide.png', width: 1280, height: 480, night: false, houses: 2, trees: 9 },
];

/** A small deterministic generator, so every run draws the same pictures. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function draw(ctx: OffscreenCanvasRenderingContext2D, scene: Scene, random: () => number): void {
  const { width: w, height: h } = scene;
  const horizon = h * 0.62;
  ctx.fillStyle = scene.night ? '#0b1d3a' : '#8fd3ff';
  ctx.fillRect(0, 0, w, horizon);
  ctx.fillStyle = scene.night ? '#1f3b1f' : '#5dbb63';
  ctx.fillRect(0, horizon, w, h - horizon);
  ctx.fillStyle = scene.night ? '#f4f1c9' : '#ffd23f';
  ctx.beginPath();
  ctx.arc(w * 0.82, h * 0.18, Math.min(w, h) * 0.07, 0, Math.PI * 2);
  ctx.fill();
  for (let i = 0; i < scene.trees; i++) {
    const x = random() * w;
    const size = 30 + random() * 50;
    const base = horizon + random() * (h - horizon - size);
    ctx.fillStyle = '#6b4226';
    ctx.fillRect(x - size * 0.08, base, size * 0.16, size * 0.6);
    ctx.fillStyle = '#1e7b34';
    ctx.beginPath();
    ctx.arc(x, base, size * 0.45, 0, Math.PI * 2);
    ctx.fill();
  }
  for (let i = 0; i < scene.houses; i++) {
    const size = 70 + random() * 60;
    const x = (w / (scene.houses + 1)) * (i + 1) - size / 2;
    const y = horizon - size * 0.3 + random() * 20;
    ctx.fillStyle = ['#c0392b', '#f5e6ca', '#7f8c8d'][i % 3]!;
    ctx.fillRect(x, y, size, size * 0.7);
    ctx.fillStyle = '#5d2e0c';
    ctx.beginPath();
    ctx.moveTo(x - 8, y);
    ctx.lineTo(x + size / 2, y - size * 0.45);
    ctx.lineTo(x + size + 8, y);
    ctx.closePath();
    ctx.fill();
    ctx.fillStyle = scene.night ? '#ffe680' : '#2c3e50';
    ctx.fillRect(x + size * 0.4, y + size * 0.35, size * 0.2, size * 0.35);
  }
}

/** Draws the sample scenes as PNG files. Needs a browser (OffscreenCanvas). */
export async function drawSampleImages(): Promise<File[]> {
  const random = seeded(20261123);
  const files: File[] = [];
  for (const scene of SCENES) {
    const canvas = new OffscreenCanvas(scene.width, scene.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw the sample images.');
    draw(ctx, scene, random);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    files.push(new File([blob], scene.name, { type: 'image/png' }));
  }
  return files;
}
