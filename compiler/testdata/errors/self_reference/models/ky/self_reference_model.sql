SELECT x FROM self_reference_model
