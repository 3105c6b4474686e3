-- The shared log: one row per event, keyed by its global sequence. `line` is the exact JSON line
-- the SHA-256 chain covers; `hash` is that line's hash (the next event's `prev`).
CREATE TABLE IF NOT EXISTS events (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    line TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The head of the log, one row. Every append moves it with `UPDATE ... WHERE last_seq = expected`
-- inside the append's transaction: the row lock serialises writers, and a writer whose expected
-- sequence is stale changes nothing and is told so. Readers never see a gap.
CREATE TABLE IF NOT EXISTS head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO head (id, last_seq, last_hash) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING;

-- What each client's numbered mutation came to (accepted with its sequences, or refused with the
-- domain's error): a repeat is answered from here and never applied twice.
CREATE TABLE IF NOT EXISTS client_mutations (
    client_id TEXT NOT NULL,
    n BIGINT NOT NULL,
    result TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (client_id, n)
);
