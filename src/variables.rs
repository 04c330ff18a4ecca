//! Policy variables.
