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
