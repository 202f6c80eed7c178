/**
 * How many tiles each segment of a selection gets when the selection holds more companies
 * than the map draws: the tiles are dealt like cards, one per segment per round in the
 * map's order, until they run out. A segment smaller than its share is drawn whole, the
 * larger ones split what is left, and when a round cannot go all the way round its tiles
 * go to the first segments in the map's order.
 *
 * Taking the map's first tiles in name order instead drew 100 chip makers and nothing else
 * on the scale database: a map of one segment. Dealt, every segment of the selection shows
 * some of its companies, which is what a map of the portfolio is for; the table view still
 * pages through everything.
 *
 * The statement behind a name filter or a past view deals the same way in SQL, by ranking
 * each company within its segment and taking the first `limit` by that rank
 * (lib/db/queries/portfolio.ts); tests/integration/queries.test.ts checks that both paths
 * draw the same tiles.
 */
export function dealTiles(counts: readonly number[], limit: number): number[] {
  const budget = Math.max(0, Math.floor(limit));
  const drawn = (rounds: number) => counts.reduce((sum, n) => sum + Math.min(n, rounds), 0);
  // Whole rounds: each gives one more tile to every segment that has one left.
  const largest = Math.max(0, ...counts);
  let rounds = 0;
  while (rounds < largest && drawn(rounds + 1) <= budget) rounds += 1;
  // The last, partial round, in the map's order.
  let left = budget - drawn(rounds);
  return counts.map((n) => {
    if (left > 0 && n > rounds) {
      left -= 1;
      return rounds + 1;
    }
    return Math.min(n, rounds);
  });
}
