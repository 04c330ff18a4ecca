//! A span-keeping JSON reader.
