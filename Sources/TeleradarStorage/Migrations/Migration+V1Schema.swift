extension Migration {
    /// The whole data model of DESIGN §2. Timestamps are Unix milliseconds in BIGINT columns; lists and
    /// objects are JSON text.
    static let v1Schema = Migration(
        version: 1, name: "data model",
        statements: [
            """
            CREATE TABLE users (
                id {id},
                telegram_id BIGINT NOT NULL UNIQUE,
                username TEXT, first_name TEXT, last_name TEXT,
                role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
                tier TEXT NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'trial', 'basic', 'premium', 'enterprise')),
                tier_started_at BIGINT, tier_expires_at BIGINT,
                max_channels_override INTEGER CHECK (max_channels_override IS NULL OR max_channels_override >= 0),
                retention_days INTEGER NOT NULL DEFAULT 30 CHECK (retention_days BETWEEN 1 AND 365),
                is_blocked {bool} NOT NULL DEFAULT FALSE,
                invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
                invite_code TEXT,
                language TEXT NOT NULL DEFAULT 'ru',
                timezone TEXT NOT NULL DEFAULT 'Europe/Moscow',
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX users_tier ON users (tier, tier_expires_at)",
            """
            CREATE TABLE api_tokens (
                id {id},
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                token_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                name TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL, last_used_at BIGINT, revoked_at BIGINT
            )
            """,
            "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
            """
            CREATE TABLE invite_codes (
                code TEXT PRIMARY KEY CHECK (length(code) = 12),
                tier TEXT NOT NULL CHECK (tier IN ('free', 'trial', 'basic', 'premium', 'enterprise')),
                trial_days INTEGER CHECK (trial_days IS NULL OR trial_days BETWEEN 1 AND 3650),
                max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
                uses_count INTEGER NOT NULL DEFAULT 0 CHECK (uses_count >= 0),
                expires_at BIGINT,
                is_active {bool} NOT NULL DEFAULT TRUE,
                created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                CHECK (uses_count <= max_uses)
            )
            """,
            """
            CREATE TABLE invite_redemptions (
                code TEXT NOT NULL REFERENCES invite_codes(code) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                redeemed_at BIGINT NOT NULL,
                PRIMARY KEY (code, user_id)
            )
            """,
            """
            CREATE TABLE subscription_history (
                id {id},
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                action TEXT NOT NULL CHECK (action IN ('created', 'upgraded', 'downgraded', 'renewed', 'expired', 'role_changed', 'blocked', 'unblocked')),
                old_tier TEXT, new_tier TEXT, old_role TEXT, new_role TEXT,
                expires_at BIGINT,
                changed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
                notes TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX subscription_history_user ON subscription_history (user_id, created_at)",
            """
            CREATE TABLE channels (
                id {id},
                username TEXT NOT NULL UNIQUE,
                telegram_id BIGINT,
                title TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                avatar_url TEXT,
                source_kind TEXT NOT NULL DEFAULT 'web' CHECK (source_kind IN ('web', 'tdlib', 'export')),
                last_message_id BIGINT NOT NULL DEFAULT 0,
                last_parsed_at BIGINT, last_error TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE subscriptions (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
                is_active {bool} NOT NULL DEFAULT TRUE,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, channel_id)
            )
            """,
            "CREATE INDEX subscriptions_channel ON subscriptions (channel_id, is_active)",
            """
            CREATE TABLE posts (
                id {id},
                channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
                message_id BIGINT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                entities TEXT NOT NULL DEFAULT '[]',
                links TEXT NOT NULL DEFAULT '[]',
                views INTEGER,
                forwarded_from TEXT,
                media_kind TEXT,
                reply_to_message_id BIGINT,
                author TEXT,
                extra TEXT NOT NULL DEFAULT '{}',
                is_service {bool} NOT NULL DEFAULT FALSE,
                posted_at BIGINT NOT NULL,
                edited_at BIGINT,
                tags TEXT NOT NULL DEFAULT '[]',
                enriched_text TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL DEFAULT '',
                tagging_status TEXT NOT NULL DEFAULT 'pending' CHECK (tagging_status IN ('pending', 'done', 'failed', 'skipped')),
                tagging_attempts INTEGER NOT NULL DEFAULT 0,
                indexing_status TEXT NOT NULL DEFAULT 'pending' CHECK (indexing_status IN ('pending', 'done', 'failed', 'skipped')),
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                UNIQUE (channel_id, message_id)
            )
            """,
            "CREATE INDEX posts_channel_posted ON posts (channel_id, posted_at)",
            "CREATE INDEX posts_posted ON posts (posted_at)",
            "CREATE INDEX posts_indexing ON posts (indexing_status, posted_at)",
            """
            CREATE TABLE post_vectors (
                post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                chunk INTEGER NOT NULL,
                model TEXT NOT NULL,
                dims INTEGER NOT NULL CHECK (dims > 0),
                vector {blob} NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (post_id, chunk, model)
            )
            """,
            "CREATE INDEX post_vectors_model ON post_vectors (model)",
            """
            CREATE TABLE rag_queries (
                id {id},
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                query TEXT NOT NULL,
                answer TEXT NOT NULL DEFAULT '',
                topics TEXT NOT NULL DEFAULT '[]',
                sources TEXT NOT NULL DEFAULT '[]',
                model TEXT,
                duration_ms INTEGER,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX rag_queries_user ON rag_queries (user_id, created_at)",
            """
            CREATE TABLE digest_settings (
                user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                enabled {bool} NOT NULL DEFAULT FALSE,
                frequency TEXT NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly')),
                days_of_week TEXT NOT NULL DEFAULT '[1,2,3,4,5,6,7]',
                time_of_day TEXT NOT NULL DEFAULT '09:00',
                timezone TEXT NOT NULL DEFAULT 'Europe/Moscow',
                channels TEXT NOT NULL DEFAULT '[]',
                tags TEXT NOT NULL DEFAULT '[]',
                max_posts INTEGER NOT NULL DEFAULT 20 CHECK (max_posts BETWEEN 1 AND 100),
                ai_summary {bool} NOT NULL DEFAULT TRUE,
                style TEXT NOT NULL DEFAULT 'concise' CHECK (style IN ('concise', 'detailed', 'executive')),
                preferred_topics TEXT NOT NULL DEFAULT '[]',
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE digests (
                id {id},
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                scheduled_for BIGINT NOT NULL,
                period_start BIGINT NOT NULL, period_end BIGINT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'empty')),
                content TEXT NOT NULL DEFAULT '',
                post_count INTEGER NOT NULL DEFAULT 0,
                sent_at BIGINT,
                created_at BIGINT NOT NULL,
                UNIQUE (user_id, scheduled_for)
            )
            """,
            """
            CREATE TABLE chats (
                id {id},
                owner_user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                telegram_chat_id BIGINT NOT NULL,
                title TEXT NOT NULL DEFAULT '',
                timezone TEXT NOT NULL DEFAULT 'Europe/Moscow',
                vip_senders TEXT NOT NULL DEFAULT '[]',
                is_active {bool} NOT NULL DEFAULT TRUE,
                created_at BIGINT NOT NULL,
                UNIQUE (owner_user_id, telegram_chat_id)
            )
            """,
            """
            CREATE TABLE messages (
                id {id},
                chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
                message_id BIGINT NOT NULL,
                sender_hash TEXT NOT NULL,
                text TEXT NOT NULL DEFAULT '',
                priority TEXT NOT NULL DEFAULT 'low' CHECK (priority IN ('low', 'medium', 'high')),
                priority_score INTEGER NOT NULL DEFAULT 0,
                lane TEXT NOT NULL DEFAULT 'slow' CHECK (lane IN ('fast', 'slow')),
                processed {bool} NOT NULL DEFAULT FALSE,
                reply_to_message_id BIGINT,
                sent_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (chat_id, message_id)
            )
            """,
            "CREATE INDEX messages_unprocessed ON messages (processed, lane, sent_at)",
            """
            CREATE TABLE analyses (
                id {id},
                chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
                lane TEXT NOT NULL CHECK (lane IN ('fast', 'slow')),
                message_ids TEXT NOT NULL DEFAULT '[]',
                summary TEXT NOT NULL DEFAULT '',
                topics TEXT NOT NULL DEFAULT '[]',
                sentiment TEXT NOT NULL DEFAULT 'neutral',
                requires_response {bool} NOT NULL DEFAULT FALSE,
                suggested_response TEXT,
                model TEXT NOT NULL DEFAULT '',
                cost_micros BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE assistant_responses (
                id {id},
                chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
                question_message_id BIGINT,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                sources TEXT NOT NULL DEFAULT '[]',
                was_helpful {bool},
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE jobs (
                id {id},
                kind TEXT NOT NULL,
                payload TEXT NOT NULL DEFAULT '{}',
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead')),
                priority INTEGER NOT NULL DEFAULT 0,
                run_at BIGINT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
                locked_by TEXT, locked_until BIGINT,
                last_error TEXT,
                dedupe_key TEXT,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, finished_at BIGINT
            )
            """,
            "CREATE INDEX jobs_ready ON jobs (status, run_at)",
            "CREATE UNIQUE INDEX jobs_dedupe ON jobs (kind, dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running')",
            """
            CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                acquired_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE schedules (
                name TEXT PRIMARY KEY,
                next_run_at BIGINT NOT NULL,
                last_run_at BIGINT,
                last_status TEXT
            )
            """,
            """
            CREATE TABLE kv (
                namespace TEXT NOT NULL,
                key TEXT NOT NULL,
                value {blob} NOT NULL,
                expires_at BIGINT,
                PRIMARY KEY (namespace, key)
            )
            """,
            "CREATE INDEX kv_expires ON kv (expires_at)",
            """
            CREATE TABLE rate_counters (
                key TEXT NOT NULL,
                window_start BIGINT NOT NULL,
                count INTEGER NOT NULL DEFAULT 0,
                expires_at BIGINT NOT NULL,
                PRIMARY KEY (key, window_start)
            )
            """,
            """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
                data TEXT NOT NULL DEFAULT '{}',
                expires_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX sessions_expires ON sessions (expires_at)",
            """
            CREATE TABLE webhooks (
                id {id},
                user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
                url TEXT NOT NULL,
                events TEXT NOT NULL DEFAULT '[]',
                secret TEXT NOT NULL,
                is_active {bool} NOT NULL DEFAULT TRUE,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE webhook_deliveries (
                id {id},
                webhook_id BIGINT REFERENCES webhooks(id) ON DELETE SET NULL,
                event TEXT NOT NULL,
                url TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                response_code INTEGER,
                last_error TEXT,
                created_at BIGINT NOT NULL, delivered_at BIGINT
            )
            """,
        ])
}
