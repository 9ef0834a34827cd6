//! HighLevel scope tables.
