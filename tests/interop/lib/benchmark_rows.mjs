// The benchmark rows of WORKLOADS.md ("The benchmark rows"): table identity_edges, row i of
// N rows over T ticks (R = N / T rows per tick), built inside each engine.
import pl from 'nodejs-polars';

const EDGE_KINDS = ['self_to_object', 'self_to_agent', 'agent_to_object', 'agent_to_agent', 'object_to_object'];

// A Polars DataFrame of rows [start, start + n) of the N-row, T-tick sequence (ticks use R = N / T).
export function polarsBenchmarkFrame(start, n, rowsPerTick) {
  const i = pl.col('i');
  const int = (v) => pl.lit(v).cast(pl.Int64); // nodejs-polars number literals are Float64
  const str = (prefix, e) => pl.concatString([pl.lit(prefix), e.cast(pl.Utf8)], '');
  const even = i.modulo(int(2)).eq(int(0));
  return pl.DataFrame({ i: pl.Series('i', Array.from({ length: n }, (_, k) => start + k), pl.Int64) })
    .select(
      i.sub(i.modulo(int(rowsPerTick))).div(int(rowsPerTick)).alias('tick'), // i // R (i >= 0)
      str('agent_', i.mul(int(7919)).modulo(int(1000))).alias('observer_agent_id'),
      EDGE_KINDS.slice(1, 4).reduce((e, kind, k) => e.when(i.modulo(int(5)).eq(int(k + 1))).then(pl.lit(kind)),
        pl.when(i.modulo(int(5)).eq(int(0))).then(pl.lit(EDGE_KINDS[0]))).otherwise(pl.lit(EDGE_KINDS[4])).alias('edge_kind'),
      pl.when(even).then(str('agent_', i.mul(int(31)).modulo(int(1000)))).otherwise(pl.lit(null, pl.Utf8)).alias('subject_id'),
      pl.when(i.modulo(int(3)).eq(int(0))).then(str('token_', i.modulo(int(50)))).otherwise(pl.lit(null, pl.Utf8)).alias('object_id'),
      pl.when(i.modulo(int(4)).eq(int(0))).then(str('agent_', i.mul(int(17)).modulo(int(1000)))).otherwise(pl.lit(null, pl.Utf8)).alias('related_agent_id'),
      pl.when(i.modulo(int(5)).eq(int(0))).then(str('token_', i.modulo(int(50)))).otherwise(pl.lit(null, pl.Utf8)).alias('token_id'),
      i.mul(int(2654435761)).modulo(int(4294967296)).cast(pl.Float64).div(4294967296).alias('edge_weight'),
      pl.when(even).then(pl.when(i.modulo(int(3)).eq(int(0))).then(pl.lit(1)).otherwise(pl.lit(-1)).cast(pl.Int64)).otherwise(pl.lit(null, pl.Int64)).alias('edge_sign'),
    );
}

// A DuckDB SELECT of rows [start, start + n) of the sequence.
export function duckdbBenchmarkSql(start, n, rowsPerTick) {
  const kinds = `[${EDGE_KINDS.map((k) => `'${k}'`).join(', ')}]`;
  return `SELECT i // ${rowsPerTick} AS tick,
    'agent_' || (i * 7919 % 1000) AS observer_agent_id,
    ${kinds}[i % 5 + 1] AS edge_kind,
    CASE WHEN i % 2 = 0 THEN 'agent_' || (i * 31 % 1000) END AS subject_id,
    CASE WHEN i % 3 = 0 THEN 'token_' || (i % 50) END AS object_id,
    CASE WHEN i % 4 = 0 THEN 'agent_' || (i * 17 % 1000) END AS related_agent_id,
    CASE WHEN i % 5 = 0 THEN 'token_' || (i % 50) END AS token_id,
    ((i * 2654435761) % 4294967296)::DOUBLE / 4294967296 AS edge_weight,
    CASE WHEN i % 2 = 0 THEN (CASE WHEN i % 3 = 0 THEN 1 ELSE -1 END)::BIGINT END AS edge_sign
  FROM range(${start}::BIGINT, ${start + n}::BIGINT) r(i) ORDER BY i`;
}
