/** How the webviews schedule work on animation frames: repaints coalesced into the next frame, a dragged control throttled to one send per frame. */

/** Wraps a render function so that a burst of messages repaints once, in the next animation frame. */
export function coalesceToFrame(render: () => void): () => void {
  let requested = false;
  return () => {
    if (requested) return;
    requested = true;
    requestAnimationFrame(() => {
      requested = false;
      render();
    });
  };
}

/**
 * Wraps `send` for a control that is being dragged: the first change of a burst is sent at once, later ones
 * at most once per animation frame, with the state of that frame. (coalesceToFrame would hold the first one
 * back until the next frame too: up to 16 ms added to every live scrub.)
 */
export function throttleToFrame(send: () => void): () => void {
  let cooling = false;
  let pending = false;
  const cool = (): void => {
    requestAnimationFrame(() => {
      if (!pending) {
        cooling = false;
        return;
      }
      pending = false;
      send();
      cool();
    });
  };
  return () => {
    if (cooling) {
      pending = true;
      return;
    }
    cooling = true;
    send();
    cool();
  };
}
