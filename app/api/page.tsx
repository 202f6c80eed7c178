import type { Metadata } from "next";
import { API_MAX_LIMIT, API_RESOURCES, type ApiResource, describeParams } from "@/lib/validation/api";

export const metadata: Metadata = {
  title: "Read API",
  description: "The dashboard's data as JSON and CSV: organizations, positions, deals, financials, spending, sources and conflicts.",
};

export default function ApiPage() {
  const resources = Object.keys(API_RESOURCES) as ApiResource[];
  return (
    <>
      <header className="page-header">
        <h1>Read API</h1>
        <p>
          Everything on the dashboard, as JSON (the default) or CSV (<code>?format=csv</code>), filterable with the same
          parameters as the pages. Each record carries the citations of the articles that state it. Results are paged with{" "}
          <code>limit</code> (at most {API_MAX_LIMIT}) and <code>offset</code>; the response&apos;s <code>meta.next</code> links to
          the next page. A parameter the API cannot read gets a 400 with a JSON body naming it and what is allowed.
        </p>
      </header>
      {resources.map((name) => {
        const r = API_RESOURCES[name];
        return (
          <section key={name} className="card section" id={name} data-testid={`api-${name}`}>
            <h2>
              <code>GET /api/v1/{name}</code>
            </h2>
            <p>{r.description}</p>
            <p>
              Example: <a href={r.example}>{r.example}</a> · <a href={`${r.example}${r.example.includes("?") ? "&" : "?"}format=csv`}>as CSV</a>
            </p>
            <div className="table-scroll">
              <table>
                <caption className="muted" style={{ textAlign: "left", padding: "var(--space-2)" }}>
                  Parameters of /api/v1/{name}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Parameter</th>
                    <th scope="col">Allowed values</th>
                  </tr>
                </thead>
                <tbody>
                  {describeParams(name).map((p) => (
                    <tr key={p.name}>
                      <td>
                        <code>{p.name}</code>
                      </td>
                      <td>
                        {p.allowed}
                        {p.example ? (
                          <>
                            , e.g.{" "}
                            <a href={`/api/v1/${name}?${p.name}=${encodeURIComponent(p.example)}`} data-testid="api-param-example">
                              <code>{p.example}</code>
                            </a>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </>
  );
}
