Console.WriteLine("MedImaging AppHost: under construction");
