extension Migration {
    /// The SQLite keyword index merges its segments 16 at a time instead of 4.
    ///
    /// FTS5 writes each transaction's new terms as a segment and, with `automerge` at 4, merges segments four at a
    /// time, rewriting every term once per level; imports spent a third of the index's time merging. At 16 each
    /// term is rewritten about half as often; a query reads a few more segments, which FTS5 does quickly.
    /// PostgreSQL is unchanged.
    static let v4KeywordMerge = Migration(
        version: 4, name: "keyword index: merge 16 segments at a time",
        statements: [],
        sqlite: ["INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16)"],
        postgres: [])
}
