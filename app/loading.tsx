export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <div className="skeleton" style={{ height: "2.5rem", width: "50%", marginBottom: "var(--space-4)" }} />
      <div className="grid grid-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="skeleton" style={{ height: "6rem" }} />
        ))}
      </div>
      <div className="skeleton" style={{ height: "320px", marginTop: "var(--space-5)" }} />
    </div>
  );
}
