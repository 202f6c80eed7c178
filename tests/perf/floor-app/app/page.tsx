export default function Page() {
  return (
    <main>
      <h1>Empty page</h1>
      <p>The same Next.js and React as the dashboard, with nothing of ours on the page.</p>
    </main>
  );
}
