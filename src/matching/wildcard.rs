//! Wildcard patterns (`*`, `?`).
