import type { Point, Size } from '../model/geometry.ts';
import {
  ZOOM_STEP,
  actualSize,
  fit,
  panBy,
  rotateView,
  toScreen,
  zoomAround,
  type Viewport,
} from '../model/viewport.ts';

/**
 * How one image is shown on the canvas: zoom, pan and quarter turns, and the zoom limit while
 * only the image's preview is there. Screen positions are CSS pixels of the canvas.
 */
export class ImageViewport {
  view = $state.raw<Viewport>({ scale: 1, x: 0, y: 0 });
  viewSize = $state.raw<Size>({ width: 0, height: 0 });
  /**
   * While only the image's preview is shown: the largest zoom that does not magnify it. No
   * labeler sees (or draws on) a preview at 1:1; the original lifts the limit.
   */
  zoomLimit = $state<number | undefined>();
  /** A 1:1, fit or zoom to selection asked for past the limit: done once the original is shown. */
  private waiting: (() => void) | undefined;

  constructor(readonly image: Size) {}

  /** Moves the view by image pixels (the pan tool's drag). */
  pan(dx: number, dy: number): void {
    this.waiting = undefined;
    this.view = panBy(this.view, dx * this.view.scale, dy * this.view.scale);
  }

  /** Pans so the image point `p` is at the centre of the view. */
  protected centreOn(p: Point): void {
    this.view = this.centred(this.view, p);
  }

  protected centred(view: Viewport, p: Point): Viewport {
    const now = toScreen(view, p);
    return panBy(view, this.centre.x - now.x, this.centre.y - now.y);
  }

  /**
   * Sets the zoom limit while a preview is shown (undefined once the original is): zooms out
   * to it if needed; lifted, does the zoom that was waiting for the original.
   */
  limitZoom(limit: number | undefined): void {
    this.zoomLimit = limit;
    if (limit === undefined) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.();
    } else if (this.view.scale > limit) this.show(this.view);
  }

  /**
   * Shows `next`; past the zoom limit, as near as the preview allows (around the centre), and
   * `again` redoes the request once the original is there.
   */
  protected show(next: Viewport, again?: () => void): void {
    const limit = this.zoomLimit;
    this.waiting = undefined;
    if (limit === undefined || next.scale <= limit) {
      this.view = next;
      return;
    }
    this.waiting = again;
    this.view = zoomAround(next, this.centre, limit / next.scale);
  }

  /** The canvas got its size: the first time, fit the image in it. */
  resize(size: Size): void {
    const first = this.viewSize.width === 0;
    this.viewSize = size;
    if (first && size.width > 0) this.fit();
  }

  zoomAt(screen: Point, factor: number): void {
    // Zooming in stops at the limit; zooming out is never held back.
    const limit = this.zoomLimit;
    const most = limit === undefined ? factor : Math.min(factor, limit / this.view.scale);
    this.waiting = undefined;
    this.view = zoomAround(this.view, screen, Math.max(most, Math.min(factor, 1)));
  }

  zoomIn(): void {
    this.zoomAt(this.centre, ZOOM_STEP);
  }

  zoomOut(): void {
    this.zoomAt(this.centre, 1 / ZOOM_STEP);
  }

  fit(): void {
    this.show(fit(this.image, this.viewSize, undefined, this.view.rotation), () => this.fit());
  }

  /** Turns the view a quarter turn clockwise (or back); stored coordinates never turn. */
  rotate(clockwise = true): void {
    this.view = rotateView(this.view, this.viewSize, clockwise);
  }

  actualSize(): void {
    this.show(actualSize(this.view, this.viewSize), () => this.actualSize());
  }

  protected get centre(): Point {
    return { x: this.viewSize.width / 2, y: this.viewSize.height / 2 };
  }
}
