extension Migration {
    /// The SQLite keyword index reads `search_text` with FTS5's `ascii` tokenizer instead of `unicode61`.
    ///
    /// `search_text` is already tokenized, lowercased and stemmed by the application (words separated by single
    /// spaces), so FTS5 only has to split on spaces; `ascii` does that (it treats every non-ASCII byte as part of
    /// a word) without the per-character Unicode table lookups of `unicode61`, which were a tenth of import time.
    /// Queries go through the same tokenizer, so documents and queries still meet. Also adds `posts_fts_vocab`
    /// (documents per term, see `KeywordSearcher`). PostgreSQL is unchanged.
    static let v3AsciiTokenizer = Migration(
        version: 3, name: "keyword index: ascii tokenizer",
        statements: [],
        sqlite: [
            "DROP TABLE posts_fts",
            """
            CREATE VIRTUAL TABLE posts_fts USING fts5(
                search_text, content='posts', content_rowid='id', tokenize='ascii'
            )
            """,
            "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
            // How many posts hold each term: lets a search leave out words that are in a large share of all posts.
            "CREATE VIRTUAL TABLE posts_fts_vocab USING fts5vocab(posts_fts, 'row')",
        ],
        postgres: [])
}
