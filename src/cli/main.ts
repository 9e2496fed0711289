console.log('rxtrain: the training pipeline is being assembled; see README.md.');
