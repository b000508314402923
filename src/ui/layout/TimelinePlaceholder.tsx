// Reserves the timeline's place in the layout until the Gantt view exists,
// so adding it later changes no other component.

export function TimelinePlaceholder() {
  return (
    <section id="timeline" className="pane timeline-pane" aria-label="Timeline">
      <header className="pane-header">
        <span>Timeline (coming)</span>
      </header>
      <div className="timeline-empty">A live Gantt chart of every thread will appear here.</div>
    </section>
  );
}
