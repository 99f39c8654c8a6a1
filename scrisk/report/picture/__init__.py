"""The supply-chain picture (matplotlib) and the declared chain as a network file."""
