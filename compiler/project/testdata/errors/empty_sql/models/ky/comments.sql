-- TODO: write this model
/* later /* nested */ */
