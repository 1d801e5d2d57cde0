/// Russian and English function words left out of keyword queries that have other words (see ``KeywordQuery``).
///
/// They occur in a large share of all posts, so an `OR` query containing one matches most of the index and bm25
/// has to score all of it, while their low inverse document frequency makes them add almost nothing to the
/// ranking. Documents are indexed with them (phrases keep working); only queries skip them. Words are lowercase,
/// with `ё` written as `е` (as ``Tokenizer`` folds it).
package enum StopWords {
    /// Whether `token` (a lowercase token from ``Tokenizer``) is a stop word.
    package static func contains(_ token: String) -> Bool { words.contains(token) }

    static let words: Set<String> = Set(
        """
        а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее
        если есть еще же за здесь и из или им их к как какая какие какой когда кого кто ли либо между меня мне
        много может можно мой мы на над надо нас не него нее нет ни них но ну о об однако он она они оно от очень
        по под после при про раз с сам свой себе себя со так также такой там тем то того тоже той только том
        тот тут ты у уже хотя чего чей чем что чтобы чье чья эта эти это этого этой этом этот эту я который
        которая которое которые которых котором которой которую которым которыми каждый свою своей своих
        the a an and or of to in on at by for with from as is are was were be been it its this that
        http https www
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
