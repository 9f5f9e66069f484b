Console.WriteLine("relief");
