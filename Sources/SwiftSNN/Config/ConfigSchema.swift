/// Placeholder replaced below.
public enum ConfigSchema {
    public static func generate() -> String { "{}\n" }
}
