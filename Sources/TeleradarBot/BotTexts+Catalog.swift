extension BotTexts {
    /// Every template in Russian and English; a test checks that each key has both, with the same placeholders.
    package static let catalog: [BotTextKey: (ru: String, en: String)] = [
        .start: (
            ru:
                "👋 Привет, {name}!\n\nTeleradar следит за публичными Telegram-каналами, ищет по их постам и отвечает на вопросы со ссылками на источники.\n\nЧтобы начать, пришлите код приглашения: <code>/login КОД</code>. Список команд — /help.",
            en:
                "👋 Hi, {name}!\n\nTeleradar follows public Telegram channels, searches their posts and answers questions with links to the sources.\n\nTo begin, send your invite code: <code>/login CODE</code>. All commands: /help."
        ),
        .help: (
            ru:
                "<b>Команды</b>\n/login КОД — войти по коду приглашения\n/add_channel @канал — следить за каналом\n/my_channels — мои каналы\n/remove_channel — перестать следить\n/ask вопрос — ответ по моим каналам\n/search запрос — поиск по постам и в интернете\n/recommend — посты по моим темам\n/subscription — тариф и лимиты\n/token — API-токен (/token revoke — отозвать все)\n/cancel — отменить текущее действие",
            en:
                "<b>Commands</b>\n/login CODE — sign in with an invite code\n/add_channel @channel — follow a channel\n/my_channels — channels you follow\n/remove_channel — stop following one\n/ask question — an answer from your channels\n/search query — search your posts and the web\n/recommend — posts on your topics\n/subscription — tier and limits\n/token — API token (/token revoke revokes all)\n/cancel — cancel the current action"
        ),
        .needInvite: (
            ru: "🔒 Сначала войдите по коду приглашения: <code>/login КОД</code>. Код выдаёт администратор.",
            en:
                "🔒 Please sign in with an invite code first: <code>/login CODE</code>. An administrator can give you one."
        ),
        .unknownCommand: (
            ru: "Не знаю команду /{command}. Список команд — /help.",
            en: "I don't know the command /{command}. See /help for the list."
        ),
        .freeText: (
            ru: "Чтобы задать вопрос по своим каналам, напишите <code>/ask ваш вопрос</code>. Все команды — /help.",
            en: "To ask about your channels, send <code>/ask your question</code>. All commands: /help."
        ),
        .blocked: (
            ru: "⛔ Ваш аккаунт заблокирован. Бот не будет отвечать на сообщения.",
            en: "⛔ Your account is blocked. The bot will not answer your messages."
        ),
        .quotaExceeded: (
            ru: "⛔ Лимит тарифа исчерпан.\n{message}",
            en: "⛔ Limit reached.\n{message}"
        ),
        .domainError: (ru: "⚠️ {message}", en: "⚠️ {message}"),
        .internalError: (
            ru: "😕 Что-то пошло не так. Попробуйте ещё раз чуть позже.",
            en: "😕 Something went wrong. Please try again a bit later."
        ),
        .cancelDone: (ru: "Отменено.", en: "Cancelled."),
        .cancelNothing: (ru: "Нечего отменять.", en: "There is nothing to cancel."),
        .buttonYes: (ru: "Да", en: "Yes"),
        .buttonNo: (ru: "Нет", en: "No"),
        .callbackExpired: (ru: "Кнопка устарела.", en: "This button has expired."),
        .loginUsage: (
            ru: "Пришлите код приглашения так: <code>/login КОД</code> (12 символов A-Z и 0-9).",
            en: "Send your invite code like this: <code>/login CODE</code> (12 characters A-Z and 0-9)."
        ),
        .loginOK: (
            ru: "✅ Код принят. Ваш тариф: <b>{tier}</b>{expiry}.\n\nТеперь добавьте канал: /add_channel",
            en: "✅ Code accepted. Your tier: <b>{tier}</b>{expiry}.\n\nNow add a channel: /add_channel"
        ),
        .loginOpenApp: (
            ru: "Чтобы подключить свой Telegram-аккаунт, откройте вход по QR-коду:",
            en: "To connect your Telegram account, open the QR login:"
        ),
        .loginOpenLink: (ru: "Вход по QR-коду", en: "QR login"),
        .loginNoPublicURL: (
            ru:
                "Вход по QR-коду появится, когда администратор настроит PUBLIC_BASE_URL сервера. Каналы можно добавлять уже сейчас.",
            en:
                "QR login becomes available once the administrator sets the server's PUBLIC_BASE_URL. You can add channels already."
        ),
        .inviteRejected: (ru: "❌ Код не подошёл: {reason}.", en: "❌ The code was not accepted: {reason}."),
        .inviteMalformed: (
            ru: "код приглашения — это 12 символов A-Z и 0-9", en: "an invite code is 12 characters A-Z and 0-9"
        ),
        .inviteUnknown: (ru: "такого кода нет", en: "no such invite code"),
        .inviteExpired: (ru: "срок действия кода истёк", en: "this invite code has expired"),
        .inviteExhausted: (ru: "код уже использован", en: "this invite code has already been used up"),
        .inviteInactive: (ru: "код отключён", en: "this invite code has been deactivated"),
        .quotaChannels: (
            ru:
                "Лимит каналов: тариф {tier} позволяет {limit}, вы следите за {used}. Уберите канал или смените тариф.{reset}",
            en:
                "Channel limit reached: your {tier} tier allows {limit} channels and you follow {used}. Remove a channel or upgrade.{reset}"
        ),
        .quotaPostsPerDay: (
            ru: "Дневной лимит постов: тариф {tier} позволяет {limit} в день (использовано {used}).{reset}",
            en: "Daily post limit reached: your {tier} tier allows {limit} posts a day (used {used}).{reset}"
        ),
        .quotaQuestionsPerDay: (
            ru: "Дневной лимит вопросов: тариф {tier} позволяет {limit} в день (использовано {used}).{reset}",
            en: "Daily question limit reached: your {tier} tier allows {limit} questions a day (used {used}).{reset}"
        ),
        .quotaAIDigest: (
            ru: "ИИ-дайджест не входит в тариф {tier}. Он есть в тарифах trial, basic, premium и enterprise.{reset}",
            en: "AI digests are not part of the {tier} tier. Upgrade to trial, basic, premium or enterprise.{reset}"
        ),
        .quotaResets: (ru: " Лимит обнулится {date} UTC.", en: " It resets at {date} UTC."),
        .addChannelAsk: (
            ru: "Пришлите имя публичного канала, например <code>@durov</code> или ссылку t.me/…. /cancel — отмена.",
            en: "Send the name of a public channel, e.g. <code>@durov</code> or a t.me/… link. /cancel to stop."
        ),
        .addChannelAdded: (
            ru: "✅ Канал {channel} добавлен. Найдено постов: {found} (всего {total}).",
            en: "✅ Channel {channel} added. Posts found: {found} ({total} in total)."
        ),
        .addChannelAlready: (
            ru: "Вы уже следите за {channel} (постов: {total}).",
            en: "You already follow {channel} ({total} posts)."
        ),
        .addChannelParseError: (
            ru: "⚠️ Первый разбор канала не удался: {error}. Попробую снова при следующем обходе.",
            en: "⚠️ The first parse of the channel failed: {error}. It will be retried on the next run."
        ),
        .myChannelsEmpty: (
            ru: "Вы пока не следите ни за одним каналом. Добавьте: /add_channel",
            en: "You don't follow any channels yet. Add one: /add_channel"
        ),
        .myChannelsHeader: (
            ru: "<b>Ваши каналы ({count} из {limit})</b>", en: "<b>Your channels ({count} of {limit})</b>"
        ),
        .loginPendingTier: (
            ru:
                "✅ Код принят. Тариф <b>{tier}</b> (дней: {days}) включится, когда вы войдёте в свой Telegram-аккаунт по QR-коду (в течение 30 дней). А пока можно добавить канал: /add_channel",
            en:
                "✅ Code accepted. The <b>{tier}</b> tier ({days} days) starts when you log in to your Telegram account with the QR code (within 30 days). Meanwhile you can add a channel: /add_channel"
        ),
        .sessionReady: (
            ru: "✅ Ваш Telegram-аккаунт подключён: каналы будут читаться через него.",
            en: "✅ Your Telegram account is connected: channels will be read through it."
        ),
        .subscriptionPendingTier: (
            ru: "⏳ Тариф <b>{tier}</b> по коду приглашения включится после входа по QR-коду.",
            en: "⏳ The <b>{tier}</b> tier of your invite starts once you log in with the QR code."
        ),
        .sessionReadyTier: (
            ru: "Тариф <b>{tier}</b> включён{expiry}.", en: "The <b>{tier}</b> tier is now active{expiry}."
        ),
        .myChannelsHeldBack: (
            ru: "   ⏸ новые посты ждут: дневной лимит постов подписчиков исчерпан; продолжу после {date} UTC",
            en: "   ⏸ new posts are waiting: the subscribers' daily post limit is used up; resumes after {date} UTC"
        ),
        .removeChannelChoose: (ru: "Какой канал убрать?", en: "Which channel should I remove?"),
        .removeChannelConfirm: (ru: "Перестать следить за {channel}?", en: "Stop following {channel}?"),
        .removeChannelDone: (ru: "🗑 Вы больше не следите за {channel}.", en: "🗑 You no longer follow {channel}."),
        .removeChannelCancelled: (ru: "Оставляю {channel}.", en: "Keeping {channel}."),
        .removeChannelNone: (ru: "Вы не следите ни за одним каналом.", en: "You don't follow any channels."),
        .askUsage: (
            ru: "Напишите вопрос после команды: <code>/ask что нового?</code>",
            en: "Put your question after the command: <code>/ask what's new?</code>"
        ),
        .askWorking: (ru: "🔎 Ищу в ваших каналах…", en: "🔎 Searching your channels…"),
        .askSources: (ru: "<b>Источники</b>", en: "<b>Sources</b>"),
        .askCached: (ru: "(из кэша)", en: "(cached)"),
        .searchNothing: (ru: "В ваших каналах ничего не нашлось.", en: "Nothing found in your channels."),
        .searchHeader: (ru: "<b>Найдено: {count}</b>", en: "<b>Found: {count}</b>"),
        .searchAsk: (
            ru: "Что ищем? Пришлите запрос. /cancel — отмена.",
            en: "What should I search for? Send the query. /cancel to stop."
        ),
        .searchChoose: (ru: "🔎 <b>{query}</b>\nГде искать?", en: "🔎 <b>{query}</b>\nWhere should I search?"),
        .searchFor: (ru: "🔎 <b>{query}</b>", en: "🔎 <b>{query}</b>"),
        .searchButtonPosts: (ru: "📰 Посты", en: "📰 Posts"),
        .searchButtonWeb: (ru: "🌐 Интернет", en: "🌐 Web"),
        .searchButtonBoth: (ru: "🔀 Везде", en: "🔀 Both"),
        .webHeader: (ru: "<b>В интернете: {count}</b>", en: "<b>On the web: {count}</b>"),
        .webNothing: (ru: "В интернете ничего не нашлось.", en: "Nothing found on the web."),
        .webNotConfigured: (
            ru: "Поиск в интернете на этом сервере не настроен.",
            en: "Web search is not configured on this server."
        ),
        .webFailed: (ru: "⚠️ Поиск в интернете не удался: {error}", en: "⚠️ Web search failed: {error}"),
        .recommendNoHistory: (
            ru:
                "Рекомендаций пока нет: я подбираю посты по темам ваших вопросов за 30 дней и по выбранным темам дайджеста. Задайте вопрос, например <code>/ask что нового?</code>, и загляните сюда снова.",
            en:
                "No recommendations yet: I pick posts by the topics of your questions of the last 30 days and your chosen digest topics. Ask something, e.g. <code>/ask what's new?</code>, then come back."
        ),
        .recommendNothing: (
            ru: "За последнюю неделю в ваших каналах нет постов по вашим темам ({topics}).",
            en: "No posts of the last week in your channels match your topics ({topics})."
        ),
        .recommendHeader: (
            ru: "<b>Рекомендации: {count}</b>\nПо темам: {topics}",
            en: "<b>Recommended: {count}</b>\nTopics: {topics}"
        ),
        .subscription: (
            ru:
                "<b>Тариф: {tier}</b>{expiry}\nКаналы: {channels} из {maxChannels}\nПосты сегодня: {posts} из {maxPosts}\nВопросы сегодня: {queries} из {maxQueries}\nИИ-дайджест: {digest}\nДневные лимиты обнулятся {reset} UTC.",
            en:
                "<b>Tier: {tier}</b>{expiry}\nChannels: {channels} of {maxChannels}\nPosts today: {posts} of {maxPosts}\nQuestions today: {queries} of {maxQueries}\nAI digest: {digest}\nDaily limits reset at {reset} UTC."
        ),
        .subscriptionExpires: (ru: ", действует до {date} UTC", en: ", valid until {date} UTC"),
        .subscriptionNoExpiry: (ru: ", бессрочно", en: ", no expiry"),
        .tokenIssued: (
            ru:
                "🔑 Ваш API-токен (показывается один раз):\n<code>{token}</code>\nПередавайте его в заголовке <code>Authorization: Bearer …</code>.",
            en:
                "🔑 Your API token (shown once):\n<code>{token}</code>\nSend it in the <code>Authorization: Bearer …</code> header."
        ),
        .tokenRevoked: (ru: "Отозвано токенов: {count}.", en: "Tokens revoked: {count}."),
        .adminOnly: (ru: "Эта команда только для администраторов.", en: "This command is for administrators only."),
        .adminInviteChooseTier: (ru: "Тариф для нового кода приглашения:", en: "Tier of the new invite code:"),
        .adminInviteChooseDays: (
            ru: "Тариф {tier}. Сколько дней действует код?", en: "Tier {tier}. How many days is the code valid?"
        ),
        .adminInviteCreated: (
            ru:
                "🎟 Код приглашения: <code>{code}</code>\nТариф {tier}, действует до {date} UTC, 1 использование.\nПользователь вводит: <code>/login {code}</code>",
            en:
                "🎟 Invite code: <code>{code}</code>\nTier {tier}, valid until {date} UTC, 1 use.\nThe user sends: <code>/login {code}</code>"
        ),
        .adminUsersHeader: (ru: "<b>Пользователи ({count})</b>", en: "<b>Users ({count})</b>"),
        .adminUsersEmpty: (ru: "Никого не нашлось.", en: "No users found."),
        .adminUserCard: (
            ru:
                "<b>{name}</b> (id {tgid})\nРоль: {role}, тариф: {tier}{expiry}\nЗаблокирован: {blocked}\nС нами с {created} UTC",
            en:
                "<b>{name}</b> (id {tgid})\nRole: {role}, tier: {tier}{expiry}\nBlocked: {blocked}\nJoined {created} UTC"
        ),
        .adminUserUsage: (
            ru: "Использование: <code>/admin_user TG_ID</code>, <code>/admin_grant TG_ID ТАРИФ [ДНИ]</code>",
            en: "Usage: <code>/admin_user TG_ID</code>, <code>/admin_grant TG_ID TIER [DAYS]</code>"
        ),
        .adminGrantDone: (ru: "✅ {tgid}: тариф {tier}{expiry}.", en: "✅ {tgid}: tier {tier}{expiry}."),
        .adminStats: (
            ru: "<b>Статистика</b>\nПользователей: {users}\nПо тарифам: {tiers}\nАктивных кодов: {invites}",
            en: "<b>Statistics</b>\nUsers: {users}\nBy tier: {tiers}\nActive invite codes: {invites}"
        ),
        .cmdStart: (ru: "Начало работы", en: "Get started"),
        .cmdHelp: (ru: "Список команд", en: "List of commands"),
        .cmdLogin: (ru: "Войти по коду приглашения", en: "Sign in with an invite code"),
        .cmdAddChannel: (ru: "Следить за каналом", en: "Follow a channel"),
        .cmdMyChannels: (ru: "Мои каналы", en: "My channels"),
        .cmdRemoveChannel: (ru: "Перестать следить за каналом", en: "Stop following a channel"),
        .cmdAsk: (ru: "Вопрос по моим каналам", en: "Ask about my channels"),
        .cmdSearch: (ru: "Поиск по постам и в интернете", en: "Search posts and the web"),
        .cmdSubscription: (ru: "Тариф и лимиты", en: "Tier and limits"),
        .cmdToken: (ru: "API-токен", en: "API token"),
        .cmdCancel: (ru: "Отменить действие", en: "Cancel the current action"),
        .cmdRecommend: (ru: "Посты по моим темам", en: "Posts on my topics"),
    ]
}
