"""Floor 0, the domain: vocabulary, time, problems and the frozen values everything else passes around."""
