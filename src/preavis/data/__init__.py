"""Data shipped with Préavis: the built-in example schedule."""
