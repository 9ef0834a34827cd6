//! HighLevel API reference dump.
