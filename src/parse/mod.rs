//! Parsing scenarios and policies into the model.
