// How the picture is shown, never what is stored: brightness, contrast and gamma for dark
// X-rays and washed-out scans, the pixel grid far zoomed in, the crosshair, and focus mode
// (the workbench takes the whole window). Kept across items: a labeler going through a
// series of X-rays keeps the same settings.

export const ADJUST_LIMITS = {
  brightness: { min: 0.2, max: 3, step: 0.05 },
  contrast: { min: 0.2, max: 3, step: 0.05 },
  gamma: { min: 0.2, max: 3, step: 0.05 },
} as const;

export type Adjustment = keyof typeof ADJUST_LIMITS;

export class ImageDisplay {
  brightness = $state(1);
  contrast = $state(1);
  /** Applied as out = in^(1/gamma): above 1 lifts the shadows. */
  gamma = $state(1);
  pixelGrid = $state(true);
  crosshair = $state(true);
  focus = $state(false);

  /** Whether the picture is shown as stored (no adjustment). */
  get plain(): boolean {
    return this.brightness === 1 && this.contrast === 1 && this.gamma === 1;
  }

  /** The CSS filter for the picture's canvas (the gamma part is an SVG filter in the page). */
  filter(gammaFilterId: string): string {
    if (this.plain) return 'none';
    const parts = [`brightness(${this.brightness})`, `contrast(${this.contrast})`];
    if (this.gamma !== 1) parts.push(`url(#${gammaFilterId})`);
    return parts.join(' ');
  }

  reset(): void {
    this.brightness = this.contrast = this.gamma = 1;
  }
}

/** One display for the session: settings follow the labeler from image to image. */
export const imageDisplay = new ImageDisplay();
