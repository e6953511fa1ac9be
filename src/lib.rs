//! ctrlmap facade (placeholder)
