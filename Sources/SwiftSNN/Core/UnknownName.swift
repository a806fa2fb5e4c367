/// The one-line problem for a name that is none of `known`: `unknown model 'iaf_psc_exq' (did you mean
/// 'iaf_psc_exp'?); known: …`. The closest known name is suggested when it is one typo away: one edit (insertion,
/// deletion, substitution) for names of 3–5 characters, two for longer ones, none for shorter ones (`x` is not a
/// typo of `n`), and only if no other name is as close.
func unknownName(_ what: String, _ name: String, known: [String], none: String = "none") -> String {
    "unknown \(what) '\(name)'\(suggestion(for: name, among: known)); known: \(known.isEmpty ? none : known.joined(separator: ", "))"
}

/// ` (did you mean 'x'?)` for the closest of `names` if it is a typo away from `name` (see `unknownName`), or "".
func suggestion(for name: String, among names: [String]) -> String {
    let allowed = name.count < 3 ? 0 : name.count <= 5 ? 1 : 2
    let scored = names.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= allowed && $0.1 > 0 }
    guard let best = scored.map(\.1).min(), scored.filter({ $0.1 == best }).count == 1,
          let match = scored.first(where: { $0.1 == best }) else { return "" }
    return " (did you mean '\(match.0)'?)"
}

/// Levenshtein distance (Wagner–Fischer, one row).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
